"""Everything that is not drawing. Nothing below this package imports Qt."""
