"""Benchmarks: `python -m benchmarks [NAME ...]`, each measure beside a baseline of the same run."""
