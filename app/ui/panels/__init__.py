"""Side panels listing annotations and flags."""
