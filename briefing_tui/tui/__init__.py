"""The Textual app: chat transcript, topic sidebar, sources on demand, copy into email."""
