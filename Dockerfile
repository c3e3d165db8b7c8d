# The web and worker image used by docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=kennisbank.settings.production

RUN useradd --system --create-home --home-dir /app kennisbank
WORKDIR /app

COPY requirements/constraints.txt requirements/constraints.txt
COPY pyproject.toml README.md ./
COPY kennisbank kennisbank
COPY cases cases
COPY search search
COPY questions questions
COPY templates templates
COPY static static
COPY manage.py ./
RUN pip install --no-cache-dir -c requirements/constraints.txt . \
 && SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:// \
    ELASTICSEARCH_URL=http://unused python manage.py collectstatic --noinput

USER kennisbank
EXPOSE 8000
CMD ["gunicorn", "kennisbank.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
