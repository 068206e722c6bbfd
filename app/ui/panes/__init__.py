"""Document panes and the connector bands drawn between them."""
