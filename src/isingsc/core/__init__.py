"""isingsc.core."""
