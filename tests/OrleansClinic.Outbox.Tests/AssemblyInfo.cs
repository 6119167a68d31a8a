using OrleansClinic.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresServer))]
