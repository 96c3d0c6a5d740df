"""Evaluation of cartmine components against gold data."""
