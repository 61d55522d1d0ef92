"""Language work: the spaCy pipeline and our components, topics, roles, figures, quotes."""
