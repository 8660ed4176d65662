// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
