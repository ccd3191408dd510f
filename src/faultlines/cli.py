def main() -> None:
    raise SystemExit("faultlines: CLI under construction")
