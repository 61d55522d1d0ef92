"""The app's widgets: prompt with history, topic sidebar, briefing view, charts."""
