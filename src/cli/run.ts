/** `skillshop run`: serves the project's skill as a signature-checked Alexa web service. */
import { loadProject } from '../app/project';
import type { CommandModule } from './main';
import { parseCommandArgs, portOption } from './args';

const usage = 'skillshop run [--port 3000] [--host 127.0.0.1] [--path /webhook] [--no-verify]';

export const command: CommandModule = {
  summary: 'Serve the skill (app/app.js or app/app.ts) as an Alexa web service',
  usage,
  async run(args) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      path: { type: 'string' },
      'no-verify': { type: 'boolean' },
    }, usage);
    const port = portOption((values.port as string | undefined) ?? process.env.PORT, 3000);
    const project = await loadProject(process.cwd());
    const verify = !values['no-verify'];
    if (!verify) {
      console.warn(
        '\n  WARNING: Alexa request verification is OFF (--no-verify).\n' +
          '  Anyone who can reach this server can send it requests in any user\'s name.\n' +
          '  Use this only on your own machine, never for a skill Alexa calls.\n',
      );
    }
    const server = await project.app.listen({
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      path: (values.path as string | undefined) ?? '/webhook',
      ...(verify ? {} : { verification: false as const }),
    });
    const ids = project.app.settings.applicationIds;
    console.log(`skillshop: serving ${project.appFile}`);
    console.log(`  POST ${server.url}`);
    console.log(`  verification: ${verify ? 'on' : 'OFF'}; skill ids: ${ids.length > 0 ? ids.join(', ') : 'any (set skillId in skillshop.json)'}`);
    console.log(`  storage: ${project.app.store?.kind ?? 'default'}`);
    await new Promise<void>((resolve) => server.server.once('close', () => resolve()));
    return 0;
  },
};
