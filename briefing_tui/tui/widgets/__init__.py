"""The app's widgets: prompt with history, topic sidebar, transcript, briefing view, charts."""
