"""Registry pages, one module per concept: browsing, importing, duplicates, geography."""
