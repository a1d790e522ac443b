"""Test support: a private Docker engine for test suites, and the pytest plugin."""
