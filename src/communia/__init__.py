"""Communia."""
