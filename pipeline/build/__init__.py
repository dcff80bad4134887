"""The build: many reports, what is stale (the manifest), the lock, the pool of workers and their warm
kernels. Runs the readers, the notebook and the writers; nothing below imports it."""
