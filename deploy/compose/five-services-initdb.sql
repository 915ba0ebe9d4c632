-- One role and one database per context; no role may connect to another context's database.
-- Passwords come from the compose file's environment (psql variables set by the init script).
\set ON_ERROR_STOP on
CREATE ROLE identity LOGIN PASSWORD :'identity_password';
CREATE ROLE course LOGIN PASSWORD :'course_password';
CREATE ROLE enrollment LOGIN PASSWORD :'enrollment_password';
CREATE ROLE payment LOGIN PASSWORD :'payment_password';
CREATE ROLE notification LOGIN PASSWORD :'notification_password';
CREATE DATABASE identity OWNER identity;
CREATE DATABASE course OWNER course;
CREATE DATABASE enrollment OWNER enrollment;
CREATE DATABASE payment OWNER payment;
CREATE DATABASE notification OWNER notification;
REVOKE ALL ON DATABASE identity, course, enrollment, payment, notification FROM PUBLIC;
