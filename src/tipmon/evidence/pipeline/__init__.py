"""The extraction pipeline: plain Python, no Django import.

Text in, proposed evidence out. Each step is a module with a function over plain strings
and dataclasses (see `types`), so it runs the same in tests, the CLI, a process pool and a
Dask worker.
"""
