package dev.vigil.loadgen.population;

/**
 * A merchant: card-present ones stand in a city; online ones ({@code city} is their registered seat)
 * send no coordinates.
 */
public record Merchant(String id, String mcc, City city, boolean online) {}
