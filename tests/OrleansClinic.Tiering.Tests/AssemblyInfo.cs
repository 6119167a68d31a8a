[assembly: AssemblyFixture(typeof(OrleansClinic.Testing.Postgres.PostgresServer))]
