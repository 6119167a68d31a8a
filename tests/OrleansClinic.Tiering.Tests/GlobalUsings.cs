global using OrleansClinic.Testing.StandIns;
