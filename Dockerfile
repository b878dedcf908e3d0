# One image for the web process (gunicorn, the default command) and the Celery workers.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint's libraries and a base font: RUNTIME_APT in the Makefile.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 --user-group storygen
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code belongs to root and stays read-only for the app; only var/ and /data are written.
# Listed one by one so nothing else in the build folder (.env, .venv, var/, media/) gets in.
COPY manage.py ./
COPY storygen ./storygen
COPY accounts ./accounts
COPY stories ./stories
COPY characters ./characters
COPY moderation ./moderation
COPY monitoring ./monitoring
COPY templates ./templates
COPY static ./static

# Pictures, uploaded photos and log files live on volumes mounted over these folders; a new
# named volume takes the folder's owner from the image, so the app user can write to it.
ENV STORYGEN_DATA_DIR=/data/media \
    STORYGEN_PRIVATE_DIR=/data/private \
    STORYGEN_LOGS_DIR=/data/logs
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only STORYGEN_LOG_TO_FILE=false \
        python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /data/media /data/private /data/logs \
    && chown -R storygen:storygen /data /app/var

USER storygen
EXPOSE 8000

# /healthz answers as soon as gunicorn serves requests. The probe sends the first allowed
# host name, since any other Host header is refused; compose probes /readyz the same way.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as r; h = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/' + sys.argv[1], headers={'Host': h}), timeout=4)", "healthz"]

# Workers per container: WEB_CONCURRENCY (gunicorn reads it); more options in GUNICORN_CMD_ARGS.
# The config file keeps /metrics whole across workers: each one writes its counts to a
# folder (PROMETHEUS_MULTIPROC_DIR, a private one on the /dev/shm memory disk unless set)
# that every scrape adds up. Only gunicorn sets it, so one-off commands never write there.
# Threaded workers: an API request may wait up to STORYGEN_API_WAIT_SECONDS (90) for a
# drawing or a PDF while the worker's other threads serve everyone else. The timeout stays
# above that wait, so the command holds with sync workers too (they die at it mid-request).
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "storygen.wsgi", "--config", "storygen/gunicorn_conf.py", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--threads", "8", "--timeout", "120", "--graceful-timeout", "30", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
