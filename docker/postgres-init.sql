-- The registry keeps its schemas in its own database next to Vigil's.
CREATE DATABASE registry OWNER vigil;
