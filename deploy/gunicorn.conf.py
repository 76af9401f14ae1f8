"""gunicorn's settings for the portal, used by `make run` and deploy/peine.service:

    gunicorn peine.wsgi --config deploy/gunicorn.conf.py --bind 127.0.0.1:8000 --workers 3

Workers are recycled: a worker grows from about 130 MB to 200-230 MB after large posts
(imports, long interview notes) and Python does not give the memory back, so each worker is
replaced by a fresh one after a thousand requests or so; the jitter keeps the workers from
all restarting at once. A new worker loads WeasyPrint first (PDF_WARM_UP, about 1 s).
"""

# Sync workers: one request at a time each, in the main thread, where the portal's own
# deadline (REQUEST_DEADLINE_SECONDS, 25 s: peine.middleware.RequestDeadlineMiddleware)
# stops a slow request with a German page and rolls back what it wrote.
worker_class = "sync"
max_requests = 1000
max_requests_jitter = 100
# A worker silent for this long is killed (gunicorn's bare error page): a last resort,
# above the portal's deadline so that the deadline answers first.
timeout = 30
graceful_timeout = 30
# Requests without the query string (it may hold search words, i.e. names).
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(L)ss'
