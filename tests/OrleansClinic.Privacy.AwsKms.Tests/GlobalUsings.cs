global using System.Security.Cryptography;
global using NodaTime;
global using OrleansClinic.Testing.StandIns;
