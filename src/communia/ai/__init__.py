"""Model access: backends, the packaged model, embeddings and the governed gateway."""
