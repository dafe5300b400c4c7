// Loaded in <head> before the page is drawn: styles that only make sense with
// JavaScript (the phone menu closed behind its button) key on html.js, so a
// browser without JavaScript keeps every link visible.
document.documentElement.classList.add("js");
