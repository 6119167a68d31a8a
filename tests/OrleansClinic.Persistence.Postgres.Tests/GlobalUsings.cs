global using Orleans;
global using Orleans.Runtime;
global using Orleans.Storage;
global using OrleansClinic.Grains.Abstractions.Storage;
global using OrleansClinic.Testing.Postgres;
