namespace OrleansClinic.Notifications;

/// <summary>A patient's notices, keyed by patient id; it receives the patient's appointment events on its own.</summary>
public interface INotificationGrain : IGrainWithStringKey;
