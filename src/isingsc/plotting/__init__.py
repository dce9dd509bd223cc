"""isingsc.plotting."""
