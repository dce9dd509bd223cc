"""isingsc.io."""
