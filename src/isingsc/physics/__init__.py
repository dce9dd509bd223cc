"""isingsc.physics."""
