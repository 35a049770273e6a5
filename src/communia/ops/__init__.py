"""Operations: backup and restore of the store, data directory and journal; metrics."""
