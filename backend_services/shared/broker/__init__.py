"""Events over a broker: relay, durable consumers, processed-events record, dead letters."""
