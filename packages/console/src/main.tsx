import { render } from "preact";
import "@venus/web-shared/styles.css";
import "./console.css";
import { App } from "./app.js";

render(<App />, document.getElementById("app") as HTMLElement);
