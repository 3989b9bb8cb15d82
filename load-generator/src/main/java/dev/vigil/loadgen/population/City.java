package dev.vigil.loadgen.population;

import java.util.List;

/** Where cardholders live and card-present merchants stand. */
public record City(String name, String country, double latitude, double longitude) {

    /** Cardholders' homes: European cities, as the banks of the demo are European. */
    public static final List<City> HOMES = List.of(
            new City("Berlin", "DE", 52.52, 13.40), new City("Munich", "DE", 48.14, 11.58),
            new City("Paris", "FR", 48.86, 2.35), new City("Lyon", "FR", 45.76, 4.84),
            new City("Madrid", "ES", 40.42, -3.70), new City("Milan", "IT", 45.46, 9.19),
            new City("Amsterdam", "NL", 52.37, 4.90), new City("Vienna", "AT", 48.21, 16.37));

    /** Far from every home: where stolen cards and taken-over accounts turn up. */
    public static final List<City> ABROAD = List.of(
            new City("Sao Paulo", "BR", -23.55, -46.63), new City("Lagos", "NG", 6.52, 3.38),
            new City("Bangkok", "TH", 13.76, 100.50), new City("Manila", "PH", 14.60, 120.98),
            new City("Mexico City", "MX", 19.43, -99.13), new City("Jakarta", "ID", -6.21, 106.85));
}
