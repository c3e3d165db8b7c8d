# The web and worker image used by docker-compose.yml.

# The NL Design System CSS (component library and design tokens) from the npm
# registry, pinned by package-lock.json; only its dist folders go into the image.
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

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
COPY municipalities municipalities
COPY notifications notifications
COPY cases cases
COPY search search
COPY questions questions
COPY accounts accounts
COPY api api
COPY insights insights
COPY templates templates
COPY static static
COPY locale locale
# Of the design tokens only the theme CSS: the rest of that dist is token data in
# other formats that the site never serves.
COPY --from=assets /assets/node_modules/@utrecht/component-library-css/dist node_modules/@utrecht/component-library-css/dist
COPY --from=assets /assets/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css
# Of the @fontsource packages only the Latin woff2 files settings.STATIC_FONT_FILES names.
COPY --from=assets /assets/node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2 \
     /assets/node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2 \
     /assets/node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2 \
     /assets/node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-italic.woff2 \
     node_modules/@fontsource/noto-sans/files/
COPY --from=assets /assets/node_modules/@fontsource/noto-serif/files/noto-serif-latin-700-normal.woff2 \
     node_modules/@fontsource/noto-serif/files/
COPY manage.py ./
RUN pip install --no-cache-dir -c requirements/constraints.txt . \
 && SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:// \
    ELASTICSEARCH_URL=http://unused WAGTAILADMIN_BASE_URL=http://unused \
    python manage.py collectstatic --noinput

USER kennisbank
EXPOSE 8000
CMD ["gunicorn", "kennisbank.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
