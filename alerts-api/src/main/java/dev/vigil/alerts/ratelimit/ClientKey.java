package dev.vigil.alerts.ratelimit;

/**
 * Whose allowance a request draws on: the token's subject within its bank. Two banks' clients with
 * the same subject name are different clients, so one bank can never exhaust another's allowance.
 */
record ClientKey(String bank, String subject) {}
