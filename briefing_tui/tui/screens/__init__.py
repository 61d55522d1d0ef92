"""The app's screens: main (chat), source, help, judgement grid."""
