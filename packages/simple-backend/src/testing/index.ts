export { startSmtpSink, freePort, type ReceivedMail, type SmtpSink } from "./smtp-sink.js";
