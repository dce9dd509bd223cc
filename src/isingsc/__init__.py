"""isingsc: electronic and optical properties of 2D Ising superconductors."""
