"""isingsc.paper."""
