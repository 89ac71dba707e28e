FROM odoo:18.0
# SIAMO's Python dependencies, its pure core and the OCA addons it uses (queue_job) on top of
# the official Odoo 18 image.
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential swig libpcsclite-dev python3-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt requirements-odoo.txt pyproject.toml README.md /opt/siamo/
COPY siamo_core /opt/siamo/siamo_core
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/siamo/requirements.txt '/opt/siamo[exchange]'
# The OCA wheels install into .../dist-packages/odoo/addons/, a portion of the odoo.addons
# namespace that Odoo searches besides its addons_path. They require the `odoo` distribution,
# which the image's Debian package does not register for pip: --no-deps.
RUN pip3 install --no-cache-dir --break-system-packages --no-deps -r /opt/siamo/requirements-odoo.txt \
    && python3 -c "import odoo.addons.queue_job"
USER odoo
