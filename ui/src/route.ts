// Where the window is: one screen, maybe one record.
import type { ReportRequest } from "./bindings/ReportRequest";

export type Route =
  | { screen: "home" }
  | { screen: "directory" }
  | { screen: "import" }
  | { screen: "member"; id: string }
  | { screen: "schedule" }
  | { screen: "event"; id: string; notice?: string }
  | { screen: "visit" }
  | { screen: "issues"; focus?: string }
  | { screen: "projects"; fromIssue?: string }
  | { screen: "project"; id: string }
  | { screen: "sync" }
  | { screen: "conflicts" }
  | { screen: "reports"; request?: ReportRequest };

export type Navigate = (route: Route) => void;
