global using Npgsql;
global using OrleansClinic.Domain.Audit;
global using OrleansClinic.Testing.Postgres;
