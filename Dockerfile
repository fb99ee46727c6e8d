# The app image: web (daphne), Celery worker and Celery beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# gettext: compiled translations; fonts and pango: Chinese PDFs (documents); curl: health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext curl fonts-noto-cjk fonts-wqy-microhei libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY . .
# Build-time only values: collectstatic and compilemessages need settings that load, not real secrets.
RUN DEBUG=false SECRET_KEY=build-only-not-used-at-run-time-000000000000000000 DATA_DIR=/tmp/build \
    python manage.py compilemessages -v0 --ignore=.venv \
 && DEBUG=false SECRET_KEY=build-only-not-used-at-run-time-000000000000000000 DATA_DIR=/app/data \
    python manage.py collectstatic --noinput -v0 \
 && chown -R app:app /app/data

USER app
EXPOSE 8000
# docker-compose.yml's web service runs this with its worker count (WEB_WORKERS).
CMD ["uvicorn", "config.asgi:application", "--host=0.0.0.0", "--port=8000", "--workers=2", \
     "--proxy-headers", "--forwarded-allow-ips=*", "--lifespan=off", "--no-server-header"]
