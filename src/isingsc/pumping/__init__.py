"""isingsc.pumping."""
