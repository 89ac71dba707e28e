FROM odoo:18.0
# SIAMO's Python dependencies and its pure core on top of the official Odoo 18 image.
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential swig libpcsclite-dev python3-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt pyproject.toml README.md /opt/siamo/
COPY siamo_core /opt/siamo/siamo_core
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/siamo/requirements.txt /opt/siamo
USER odoo
