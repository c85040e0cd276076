// The window's entry point: mounts the app, and answers the shell's close requests once
// every open editor has saved.
import { render } from "preact";
import { App } from "./app";
import { api } from "./api";
import { answerCloseRequests } from "./before-close";
import "./styles.css";

answerCloseRequests(async () => {
  await api.readyToClose();
});

const root = document.getElementById("app");
if (root) render(<App />, root);
