"""Operational checks run against real servers: load (locust), crash safety and two machines.
Run by `make load`, `make crash` and `make multi`; never part of the test suite, which tests
their moving parts only (test_*.py here)."""
