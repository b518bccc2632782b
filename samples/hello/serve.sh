#!/bin/sh
# Serves $APP_HOME with busybox httpd.
exec httpd -f -p "${PORT:-8080}" -h "${APP_HOME:-/srv/www}"
