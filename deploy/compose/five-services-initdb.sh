#!/bin/sh
# Runs once in the postgres container's /docker-entrypoint-initdb.d: creates the five roles
# and databases with the passwords given in the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v identity_password="$IDENTITY_DB_PASSWORD" -v course_password="$COURSE_DB_PASSWORD" \
  -v enrollment_password="$ENROLLMENT_DB_PASSWORD" -v payment_password="$PAYMENT_DB_PASSWORD" \
  -v notification_password="$NOTIFICATION_DB_PASSWORD" \
  -f /docker-entrypoint-initdb.d/five-services-initdb.sql.in
