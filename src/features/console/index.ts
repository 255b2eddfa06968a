export {
  type DashboardSource,
  type DashboardStat,
  type DashboardTodo,
  registerDashboardSource,
} from './console.registry.ts'
